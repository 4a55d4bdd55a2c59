package dev.brio.api.state;

/** Why a statement was refused or failed, as {@code error-kind} in {@code wit/state.wit}. */
public enum SqlErrorKind {
  /** The SQL text does not parse or names something that does not exist. */
  SYNTAX,
  /** Wrong number or kind of parameters; named parameters are not accepted. */
  BAD_PARAMETERS,
  /** A write through a read-only handle or through {@code query}. */
  READ_ONLY,
  /** A constraint refused the write. */
  CONSTRAINT,
  /** The statement ran past the statement timeout. */
  TIMEOUT,
  /** The result has more rows than the row limit. */
  ROW_LIMIT,
  /** The database stayed locked past the busy timeout. */
  BUSY,
  /** Anything else SQLite reported. */
  OTHER
}
