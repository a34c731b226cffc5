@testable import Investigation
import Synchronization
import Testing

@Suite struct AttachmentDigestsTests {
    /// Known digests (FIPS 180 / RFC 1321 test vectors, and the §5 example's SHA-256 of "foo").
    @Test(arguments: [
        (
            "abc", "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
        (
            "", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        (
            "foo", "acbd18db4cc2f85cedef654fccc4a4d8", "0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33",
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            "f7fbba6e0636f890e56fbbf3283e524c6fa3204ae298382d624741d0dc6638326e282c41be5e4254d8820772c5518a2c5a8c0c7f7eda19594a7eb539453e1ed7"
        ),
    ])
    func computesKnownDigests(text: String, md5: String, sha1: String, sha256: String, sha512: String) {
        let digests = AttachmentDigests(bytes: Array(text.utf8))
        #expect(digests.digest(.md5) == md5)
        #expect(digests.digest(.sha1) == sha1)
        #expect(digests.digest(.sha256) == sha256)
        #expect(digests.digest(.sha512) == sha512)
        #expect(digests.byteCount == text.utf8.count)
    }

    @Test func computesLazilyAndAtMostOnce() {
        let calls = Atomic<Int>(0)
        let digests = AttachmentDigests(content: {
            calls.add(1, ordering: .relaxed)
            return Array("abc".utf8)
        })
        #expect(calls.load(ordering: .relaxed) == 0)
        #expect(digests.computedKinds.isEmpty)
        #expect(digests.digest(.sha256) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digests.computedKinds == [.sha256])
        _ = digests.digest(.sha256)
        _ = digests.digest(.md5)
        #expect(digests.computedKinds == [.sha256, .md5])
        #expect(calls.load(ordering: .relaxed) == 1)
    }

    @Test func comparesHexValuesInAnyCase() {
        let digests = AttachmentDigests(bytes: Array("abc".utf8))
        #expect(digests.matches(.md5, "900150983CD24FB0D6963F7D28E17F72"))
        #expect(digests.matches(.md5, " 90:01:50:98:3c:d2:4f:b0:d6:96:3f:7d:28:e1:7f:72 "))
        #expect(!digests.matches(.md5, "900150983cd24fb0d6963f7d28e17f73"))
        #expect(!digests.matches(.sha1, "900150983cd24fb0d6963f7d28e17f72"))
        #expect(!digests.matches(.md5, "not hex"))
    }

    @Test func validatesHexValues() {
        #expect(DigestKind.sha1.normalizedHex("A9993E364706816ABA3E25717850C26C9CD0D89D") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(DigestKind.sha256.normalizedHex("a9993e364706816aba3e25717850c26c9cd0d89d") == nil)
        #expect(DigestKind.md5.normalizedHex("g00150983cd24fb0d6963f7d28e17f72") == nil)
        #expect(DigestKind.allCases.map(\.hexLength) == [32, 40, 64, 128])
    }

    @Test func isSafeToShareBetweenTasks() async {
        let calls = Atomic<Int>(0)
        let digests = AttachmentDigests(content: {
            calls.add(1, ordering: .relaxed)
            return [UInt8](repeating: 0x61, count: 1_000_000)
        })
        let results = await withTaskGroup(of: String.self, returning: Set<String>.self) { group in
            for task in 0..<8 {
                group.addTask { digests.digest(task.isMultiple(of: 2) ? .sha256 : .sha1) }
            }
            return await group.reduce(into: []) { $0.insert($1) }
        }
        #expect(results.count == 2)
        #expect(calls.load(ordering: .relaxed) == 1)
        #expect(digests.digest(.sha1) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }
}
