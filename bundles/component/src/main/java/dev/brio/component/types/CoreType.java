package dev.brio.component.types;

/** An entry of a component's core type index space: a core function type or a module type. */
public sealed interface CoreType permits CoreFuncType, CoreModuleType {}
