/// Accumulates defects while a decoder or grammar function runs.
///
/// Decoders and header-value parsers take an `inout DefectCollector` instead of throwing. Offsets they
/// report are relative to their own input; ``baseOffset`` shifts them into the message source.
public struct DefectCollector: Sendable {
    /// The defects collected so far, in the order they were found.
    public var defects: [MIMEDefect] = []
    /// Added to every offset reported through ``report(_:_:at:)``.
    public var baseOffset: Int?
    /// Observer called for every defect as it is found (the "capture" view of defects).
    public var observer: (@Sendable (MIMEDefect) -> Void)?

    public init(baseOffset: Int? = nil, observer: (@Sendable (MIMEDefect) -> Void)? = nil) {
        self.baseOffset = baseOffset
        self.observer = observer
    }

    /// Records a defect; `offset` is relative to the current input and shifted by ``baseOffset``.
    public mutating func report(_ code: MIMEDefect.Code, _ message: String, at offset: Int? = nil) {
        let absolute: Int?
        if let offset, let baseOffset { absolute = baseOffset + offset } else { absolute = offset ?? baseOffset }
        let defect = MIMEDefect(code: code, message: message, offset: absolute)
        defects.append(defect)
        observer?(defect)
    }

    /// Whether any defect with this code was recorded.
    public func contains(_ code: MIMEDefect.Code) -> Bool { defects.contains { $0.code == code } }
}
