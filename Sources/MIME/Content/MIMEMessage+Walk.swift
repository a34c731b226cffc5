/// Depth-first walks of a message tree.
extension MIMEMessage {
    /// Every leaf entity depth-first, descending into embedded messages (whose own leaves follow
    /// in place of the `message/rfc822` part).
    public var leaves: [MIMEEntity] {
        var out: [MIMEEntity] = []
        root.collectLeaves(into: &out)
        return out
    }

    /// Every defect of every entity, depth-first, embedded messages included.
    public var allDefects: [MIMEDefect] {
        var out: [MIMEDefect] = []
        root.walk { out += $0.defects }
        return out
    }

    /// Number of entities in the tree, embedded messages included.
    public var entityCount: Int {
        var n = 0
        root.walk { _ in n += 1 }
        return n
    }
}

extension MIMEEntity {
    /// Calls `visit` on this entity and every descendant, depth-first (embedded messages included).
    public func walk(_ visit: (MIMEEntity) -> Void) {
        visit(self)
        switch body {
        case .leaf: break
        case .multipart(let multipart):
            for part in multipart.parts { part.walk(visit) }
        case .message(let message):
            message.root.walk(visit)
        }
    }

    func collectLeaves(into out: inout [MIMEEntity]) {
        switch body {
        case .leaf: out.append(self)
        case .multipart(let multipart):
            for part in multipart.parts { part.collectLeaves(into: &out) }
        case .message(let message):
            message.root.collectLeaves(into: &out)
        }
    }
}
