public import MailModel

/// The codes of what running an investigation reports beyond what inputs report. Each code is stable.
public enum PipelineCode {
    /// The export cut a field of the item (``MailItem/unknownFields``): filters on it cannot decide.
    public static let fieldUnknown = DiagnosticCode("item.field-unknown", .warning, partlyRead: true)

    /// Every declared code.
    public static let all = [fieldUnknown]
}
