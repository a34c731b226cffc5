import Foundation

extension FuzzTarget {
    /// The seed inputs below ``seedFolders`` (those present), in sorted order: paths joined to
    /// `packageRoot`. `includingShared: false` leaves out the corpora outside the package.
    public func seedFiles(packageRoot: String, includingShared: Bool = true) -> [String] {
        var found: [String] = []
        for folder in seedFolders where includingShared || !folder.hasPrefix("../") {
            let root = URL(fileURLWithPath: packageRoot).appendingPathComponent(folder).standardizedFileURL
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var files: [String] = []
            for case let url as URL in walk where isSeed(fileName: url.lastPathComponent) {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url.path) }
            }
            found += files.sorted()
        }
        return found
    }
}
