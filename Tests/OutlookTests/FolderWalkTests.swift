import MailModel
import Testing
@testable import Outlook

/// The PST folder walk over hostile trees: a loop, a folder that cannot be read, deep nesting.
struct FolderWalkTests {
    /// A folder of a made-up tree: children by identifier, so that a child can be an ancestor.
    struct FakeFolder: FolderNode {
        static let tree: [UInt32: (name: String, messages: Int, children: [UInt32])] = [
            1: ("", 0, [2, 3]),
            2: ("Top of Personal Folders", 0, [4, 5, 6]),
            3: ("Search Root", 1, []),
            4: ("Inbox", 2, [7]),
            5: ("Broken", 0, []),
            6: ("Deleted Items", 1, []),
            7: ("Loop", 1, [2]),  // back to the top: a loop
        ]

        var id: UInt32
        var identifier: UInt32? { id }
        var folderName: String? { Self.tree[id]?.name }
        func messageCount() throws(PFFFailure) -> Int {
            if id == 5 { throw PFFFailure(message: "unable to read the folder's table") }
            return Self.tree[id]?.messages ?? 0
        }
        func subFolderCount() throws(PFFFailure) -> Int { Self.tree[id]?.children.count ?? 0 }
        func subFolder(at index: Int) throws(PFFFailure) -> FakeFolder { FakeFolder(id: Self.tree[id]!.children[index]) }
    }

    static func steps(maxDepth: Int = 64) throws -> [String] {
        var walk = try FolderWalk(root: FakeFolder(id: 1), ipmSubtreeID: 2, maxDepth: maxDepth)
        var out: [String] = []
        while let step = walk.next() {
            switch step {
            case .message(let index, _, let folder): out.append("\(folder.mailPath.joined(separator: "/")) #\(index)")
            case .diagnostic(let d): out.append("! \(d.code.rawValue) \(d.descriptor ?? 0)")
            }
        }
        return out
    }

    @Test func aLoopAndAnUnreadableFolderAreDiagnosticsAndTheWalkGoesOn() throws {
        #expect(try Self.steps() == [
            "Inbox #0", "Inbox #1", "Inbox/Loop #0", "! outlook.folder-loop 2", "! outlook.folder-unreadable 5", "Deleted Items #0",
            "Search Root #0",
        ])
    }

    @Test func foldersDeeperThanTheLimitAreNotRead() throws {
        let steps = try Self.steps(maxDepth: 2)
        #expect(steps.contains("! outlook.folder-too-deep 7"))
        #expect(!steps.contains("Inbox/Loop #0"))
        #expect(steps.contains("Inbox #1"))
    }
}
