import MailModel
/// A folder of a PST as the walk sees it (libpff's folders; a test's tree).
protocol FolderNode {
    /// The folder's descriptor identifier, when known.
    var identifier: UInt32? { get }
    var folderName: String? { get }
    func messageCount() throws(PFFFailure) -> Int
    func subFolderCount() throws(PFFFailure) -> Int
    func subFolder(at index: Int) throws(PFFFailure) -> Self
}

/// Walks a PST's folder tree depth-first from its root, a folder's messages before its subfolders,
/// and says where each message is. A folder reached a second time (a loop: libpff builds the tree
/// from parent identifiers a damaged file can get wrong), nested deeper than the limit, or that
/// cannot be read is a diagnostic, and the walk goes on with the next one.
struct FolderWalk<Node: FolderNode> {
    enum Step {
        /// The message at `index` of `node` (the caller opens it).
        case message(index: Int, node: Node, folder: PSTFolder)
        case diagnostic(OutlookDiagnostic)
    }

    private struct Frame {
        var node: Node
        var folder: PSTFolder
        var depth: Int
        var messageCount: Int
        var nextMessage = 0
        var subFolderCount: Int
        var nextSubFolder = 0
    }

    private var stack: [Frame] = []
    private var visited: Set<UInt32> = []
    private let ipmSubtreeID: UInt32?
    private let maxDepth: Int

    /// `ipmSubtreeID` names the top of the mail folders ("Top of Personal Folders"): paths below it
    /// are the mail folders' (``PSTFolder/mailPath``).
    init(root: Node, ipmSubtreeID: UInt32?, maxDepth: Int) throws(PFFFailure) {
        self.ipmSubtreeID = ipmSubtreeID
        self.maxDepth = maxDepth
        if let id = root.identifier { visited.insert(id) }
        stack.append(Frame(
            node: root, folder: PSTFolder(path: [], mailPath: [], descriptor: root.identifier), depth: 0,
            messageCount: try root.messageCount(), subFolderCount: try root.subFolderCount()))
    }

    mutating func next() -> Step? {
        while var frame = stack.last {
            if frame.nextMessage < frame.messageCount {
                frame.nextMessage += 1
                stack[stack.count - 1] = frame
                return .message(index: frame.nextMessage - 1, node: frame.node, folder: frame.folder)
            }
            if frame.nextSubFolder < frame.subFolderCount {
                frame.nextSubFolder += 1
                stack[stack.count - 1] = frame
                if let problem = enter(subFolder: frame.nextSubFolder - 1, of: frame) { return .diagnostic(problem) }
                continue
            }
            stack.removeLast()
        }
        return nil
    }

    /// Opens a subfolder and pushes it; a diagnostic when it cannot be read, loops or is too deep.
    private mutating func enter(subFolder index: Int, of parent: Frame) -> OutlookDiagnostic? {
        let node: Node
        do {
            node = try parent.node.subFolder(at: index)
        } catch {
            return OutlookDiagnostic(
                code: .folderUnreadable, message: "subfolder \(index + 1) of '\(parent.folder.pathString)' cannot be read: \(error.message)",
                severity: .error, descriptor: parent.folder.descriptor)
        }
        let id = node.identifier
        let name = node.folderName ?? ""
        let path = parent.folder.path + [name]
        if let id, !visited.insert(id).inserted {
            return OutlookDiagnostic(
                code: .folderLoop, message: "folder '\(path.joined(separator: "/"))' was reached a second time (a loop in the folder tree); not read again",
                severity: .error, descriptor: id)
        }
        guard parent.depth < maxDepth else {
            return OutlookDiagnostic(
                code: .folderTooDeep, message: "folder '\(path.joined(separator: "/"))' is nested deeper than \(maxDepth) levels; not read",
                severity: .error, descriptor: id)
        }
        let mailPath: [String]
        // The top of the mail folders: the store names it; without a store, Outlook's name says it.
        if parent.depth == 0, ipmSubtreeID.map({ $0 == id }) ?? name.lowercased().hasPrefix("top of ") {
            mailPath = []
        } else {
            mailPath = parent.folder.mailPath + [name]
        }
        do {
            stack.append(Frame(
                node: node, folder: PSTFolder(path: path, mailPath: mailPath, descriptor: id), depth: parent.depth + 1,
                messageCount: try node.messageCount(), subFolderCount: try node.subFolderCount()))
        } catch {
            return OutlookDiagnostic(
                code: .folderUnreadable, message: "folder '\(path.joined(separator: "/"))' cannot be read: \(error.message)", severity: .error, descriptor: id)
        }
        return nil
    }
}
