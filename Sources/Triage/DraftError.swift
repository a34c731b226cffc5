public import MailModel

/// Why no draft could be made from a reported message: a code of ``DraftCode``.
public typealias DraftError = LocatedError
