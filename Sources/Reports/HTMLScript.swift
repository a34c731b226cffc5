private import Crypto

/// The HTML report's one inline script: a search box that filters the match rows, sortable match
/// columns and pages of ``pageSize`` rows. Progressive enhancement only: without it every row is in
/// the document and readable (the controls are created by the script, so none shows without it).
/// The content security policy allows exactly this script, by its SHA-256 (``cspSource``).
enum HTMLScript {
    /// Rows per page when the script runs; every row stays in the document.
    static let pageSize = 100

    static let source = """
        (function () {
          "use strict";
          var table = document.getElementById("match-table");
          if (!table || !table.tHead) { return; }
          var PAGE = \(pageSize);
          var items = Array.prototype.map.call(table.tBodies, function (body, index) {
            return { body: body, index: index, text: body.textContent.toLowerCase() };
          });
          var shown = items;
          var page = 0;
          var query = "";

          function make(tag, attributes, text) {
            var node = document.createElement(tag);
            Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
            if (text) { node.textContent = text; }
            return node;
          }
          var tools = make("div", { "class": "match-tools", role: "search" });
          var label = make("label", { "for": "match-search" }, "Search matches ");
          var search = make("input", { type: "search", id: "match-search", placeholder: "address, subject, file, Message-ID, path…", autocomplete: "off" });
          var status = make("span", { id: "match-status", "class": "muted", "aria-live": "polite" });
          var pager = make("span", { "class": "pager" });
          var previous = make("button", { type: "button", id: "page-previous" }, "Previous");
          var info = make("span", { id: "page-info" });
          var next = make("button", { type: "button", id: "page-next" }, "Next");
          pager.append(previous, " ", info, " ", next);
          tools.append(label, search, " ", status, " ", pager);
          table.closest(".table-wrap").before(tools);

          function count(n) { return n.toLocaleString("en-US"); }

          function render() {
            var pages = Math.max(1, Math.ceil(shown.length / PAGE));
            page = Math.min(page, pages - 1);
            var first = page * PAGE;
            var visible = new Set(shown.slice(first, first + PAGE));
            items.forEach(function (item) { item.body.hidden = !visible.has(item); });
            status.textContent = (query ? count(shown.length) + " of " + count(items.length) + " matches" : count(items.length) + " matches")
              + (shown.length > 0 ? "; showing " + count(first + 1) + "–" + count(Math.min(first + PAGE, shown.length)) : "");
            pager.hidden = pages <= 1;
            info.textContent = "page " + count(page + 1) + " of " + count(pages);
            previous.disabled = page === 0;
            next.disabled = page >= pages - 1;
          }

          function filter() {
            query = search.value.trim().toLowerCase();
            var words = query.split(/\\s+/).filter(Boolean);
            shown = items.filter(function (item) {
              return words.every(function (word) { return item.text.indexOf(word) !== -1; });
            });
            page = 0;
            render();
          }

          function key(item, column, numeric) {
            var cell = item.body.rows[0].cells[column];
            var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
            return numeric ? parseFloat(value) || 0 : value;
          }

          function sortBy(header, column) {
            var ascending = header.getAttribute("aria-sort") !== "ascending";
            var numeric = header.classList.contains("num");
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
            header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var keyed = items.map(function (item) { return { item: item, key: key(item, column, numeric) }; });
            keyed.sort(function (a, b) {
              var order = numeric ? a.key - b.key : (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
              return (ascending ? order : -order) || a.item.index - b.item.index;
            });
            items = keyed.map(function (entry) { return entry.item; });
            var fragment = document.createDocumentFragment();
            items.forEach(function (item) { fragment.appendChild(item.body); });
            table.appendChild(fragment);
            filter();
          }

          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
            var button = make("button", { type: "button", "class": "sort", title: "Sort by this column" }, header.textContent);
            header.textContent = "";
            header.appendChild(button);
            button.addEventListener("click", function () { sortBy(header, column); });
          });
          search.addEventListener("input", filter);
          previous.addEventListener("click", function () { page -= 1; render(); });
          next.addEventListener("click", function () { page += 1; render(); });
          table.setAttribute("data-enhanced", "true");
          render();
        })();
        """

    /// The `script-src` source that allows ``source`` and nothing else: `'sha256-…'`.
    static let cspSource: String = {
        let digest = SHA256.hash(data: Array(source.utf8))
        return "'sha256-\(base64(Array(digest)))'"
    }()

    /// RFC 4648 base64 with padding (Foundation is not needed for 32 bytes).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : "=")
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : "=")
            i += 3
        }
        return out
    }
}
