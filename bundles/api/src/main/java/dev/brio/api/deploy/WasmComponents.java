package dev.brio.api.deploy;

import java.util.List;

/** The Wasm components the extender knows of, deployed or refused, published as a service. */
public interface WasmComponents {

  /** Every component the extender has seen and not seen removed since, sorted by name. */
  List<WasmComponentState> components();
}
