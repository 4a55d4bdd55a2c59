package dev.brio.component.types;

/**
 * What an entry of a component's type index space can be ({@code deftype} in Binary.md): a value
 * type, a function type, a component type, an instance type or a resource type.
 */
public sealed interface DefinedType
    permits ValueType, FuncType, ComponentType, InstanceType, ResourceType {}
