package dev.brio.kernel;

import dev.brio.api.deploy.WasmComponentState;

/** A Wasm component as the status report prints it: deployed, removed or refused, and why. */
record WasmLine(
    String name, String target, String role, String state, String problem, String since) {

  static WasmLine of(WasmComponentState c) {
    String state = c.deployed() ? "DEPLOYED" : c.refused() ? "REFUSED" : "REMOVED";
    return new WasmLine(c.name(), c.target(), c.role(), state, c.problem(), c.since().toString());
  }
}
