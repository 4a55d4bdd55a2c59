package dev.brio.extender;

import dev.brio.api.session.ChangeKind;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.EntryType;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.Rename;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.RecordValue.Field;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The types of {@code brio:core/session-fs} ({@code wit/session.wit}) as the component engine's
 * types, and the session API's Java values as the engine's values. The types are the contract's
 * exactly, so a component that imports another shape of the interface is refused at link time.
 */
final class SessionFsValues {
  static final EnumType SESSION_STATE = new EnumType(List.of("open", "committed", "aborted"));

  static final RecordType SESSION_INFO =
      new RecordType(
          List.of(
              new RecordType.Field("id", PrimitiveType.STRING),
              new RecordType.Field("base-path", PrimitiveType.STRING),
              new RecordType.Field("state", SESSION_STATE),
              new RecordType.Field("created-at", PrimitiveType.U64)));

  static final EnumType CHANGE_KIND =
      new EnumType(List.of("added", "deleted", "modified", "mode-changed", "type-changed"));

  static final EnumType ENTRY_TYPE = new EnumType(List.of("file", "symlink", "directory"));

  static final RecordType PATH_CHANGE =
      new RecordType(
          List.of(
              new RecordType.Field("path", PrimitiveType.STRING),
              new RecordType.Field("kind", CHANGE_KIND),
              new RecordType.Field("type", ENTRY_TYPE),
              new RecordType.Field("binary", PrimitiveType.BOOL)));

  static final RecordType RENAME =
      new RecordType(
          List.of(
              new RecordType.Field("from", PrimitiveType.STRING),
              new RecordType.Field("to", PrimitiveType.STRING)));

  static final RecordType COMMIT_RESULT =
      new RecordType(
          List.of(
              new RecordType.Field("id", PrimitiveType.STRING),
              new RecordType.Field("changes", new ListType(PATH_CHANGE)),
              new RecordType.Field("renames", new ListType(RENAME)),
              new RecordType.Field("git-commit", new OptionType(PrimitiveType.STRING))));

  static final VariantType SESSION_ERROR =
      new VariantType(
          List.of(
              new VariantType.Case("outside-roots", Optional.<ValueType>of(PrimitiveType.STRING)),
              new VariantType.Case("unknown-session", Optional.<ValueType>of(PrimitiveType.STRING)),
              new VariantType.Case(
                  "conflict", Optional.<ValueType>of(new ListType(PrimitiveType.STRING))),
              new VariantType.Case("io", Optional.<ValueType>of(PrimitiveType.STRING))));

  private SessionFsValues() {}

  static Value info(SessionInfo info) {
    return new RecordValue(
        List.of(
            new Field("id", new StringValue(info.id())),
            new Field("base-path", new StringValue(info.basePath())),
            new Field("state", state(info.state())),
            new Field("created-at", new U64Value(info.createdAt().toEpochMilli()))));
  }

  static Value commitResult(CommitResult result) {
    return new RecordValue(
        List.of(
            new Field("id", new StringValue(result.id())),
            new Field(
                "changes",
                new ListValue(result.changes().stream().map(SessionFsValues::change).toList())),
            new Field(
                "renames",
                new ListValue(result.renames().stream().map(SessionFsValues::rename).toList())),
            new Field(
                "git-commit", new OptionValue(result.gitCommit().<Value>map(StringValue::new)))));
  }

  static Value error(SessionError error) {
    return switch (error) {
      case SessionError.OutsideRoots(String path) ->
          variant("outside-roots", new StringValue(path));
      case SessionError.UnknownSession(String id) ->
          variant("unknown-session", new StringValue(id));
      case SessionError.Conflict(List<String> paths) ->
          variant("conflict", new ListValue(paths.stream().<Value>map(StringValue::new).toList()));
      case SessionError.Io(String path) -> variant("io", new StringValue(path));
    };
  }

  private static Value change(PathChange change) {
    return new RecordValue(
        List.of(
            new Field("path", new StringValue(change.path())),
            new Field("kind", kind(change.kind())),
            new Field("type", entryType(change.type())),
            new Field("binary", new BoolValue(change.binary()))));
  }

  private static Value rename(Rename rename) {
    return new RecordValue(
        List.of(
            new Field("from", new StringValue(rename.from())),
            new Field("to", new StringValue(rename.to()))));
  }

  private static EnumValue state(SessionState state) {
    return enumCase(state.name());
  }

  private static EnumValue kind(ChangeKind kind) {
    return enumCase(kind.name());
  }

  private static EnumValue entryType(EntryType type) {
    return enumCase(type.name());
  }

  /** A Java constant's name as its WIT case: {@code MODE_CHANGED} is {@code mode-changed}. */
  private static EnumValue enumCase(String constant) {
    return new EnumValue(constant.toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  private static Value variant(String name, Value payload) {
    return new VariantValue(name, Optional.of(payload));
  }
}
