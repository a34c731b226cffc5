import Testing
import HTMLText
import Foundation

@Test func explore() {
    guard let paths = ProcessInfo.processInfo.environment["HTML_EXPLORE"] else { return }
    let quiet = ProcessInfo.processInfo.environment["QUIET"] != nil
    for path in paths.split(separator: ":") {
        let data = FileManager.default.contents(atPath: String(path))!
        let start = Date()
        let r = HTMLTextExtractor().extract(utf8: [UInt8](data))
        let elapsed = Date().timeIntervalSince(start)
        if quiet {
            print(String(format: "%-28@ %8.3fs in=%9d out=%9d links=%6d limits=%d", (path as NSString).lastPathComponent as NSString, elapsed, data.count, r.text.utf8.count, r.links.count, r.limitsHit.rawValue))
            print("   head: \(r.text.prefix(60).debugDescription) tail: \(r.text.suffix(40).debugDescription)")
            continue
        }
        print("=====TEXT=====\n\(r.text)\n=====LINKS=====")
        for l in r.links { print("\(l.attribute) \(l.url) [\(l.text)]") }
        print("limits: \(r.limitsHit.rawValue)")
    }
}
