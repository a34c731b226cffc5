import Testing
@testable import HTMLText

@Suite("Name tables")
struct NameTableTests {
    @Test("every element and attribute name is found, in any case; other names are not")
    func lookups() {
        let names = ["a", "img", "td", "blockquote", "figcaption", "plaintext", "script", "style", "br", "h6"]
        for name in names {
            let key = NameKey(lowercasedASCII: name.uppercased().utf8)
            #expect(key.map { ElementKind.table[$0] != nil } == true, "\(name)")
        }
        for name in ["span", "font", "o:p", "abbr", "x", "h7", "tablex"] {
            #expect(NameKey(lowercasedASCII: name.utf8).map { ElementKind.table[$0] == nil } == true, "\(name)")
        }
        for attribute in AttributeName.allCases {
            #expect(AttributeName.named(NameKey(lowercasedASCII: attribute.name.uppercased().utf8)) == attribute)
        }
        #expect(AttributeName.named(NameKey(lowercasedASCII: "class".utf8)) == nil)
    }

    @Test("a table with many colliding names keeps them all apart")
    func manyNames() {
        let names = (0..<500).map { "n\($0)" }
        let table = NameTable(names.enumerated().compactMap { index, name in NameKey(lowercasedASCII: name.utf8).map { ($0, index) } })
        for (index, name) in names.enumerated() {
            #expect(table[NameKey(lowercasedASCII: name.utf8)!] == index)
        }
        #expect(table[NameKey(lowercasedASCII: "n500".utf8)!] == nil)
    }

    @Test("the hash set counts distinct hashes, zero included, across growth")
    func hashSet() {
        var set = NameHashSet()
        let hashes: [UInt64] = [0, 1, 64, 128, .max] + (0..<1_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for hash in hashes + hashes { set.insert(hash) }
        #expect(set.count == Set(hashes).count)
        for hash in hashes { #expect(set.contains(hash)) }
        #expect(!set.contains(2))
        #expect(!set.contains(0x1234_5678))
    }
}
