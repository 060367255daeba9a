/**
 * What a connector plugin compiles against, and all it sees of the host.
 *
 * <p>A plugin contributes one {@link dev.patchbay.api.Connector} extension per connector it ships. The connector's
 * declarative definition travels inside the plugin as {@code connectors/<id>.json}; the host checks at load that
 * every operation and auth type of the definition has an implementation here, and the other way round.
 *
 * <p>Plugins never see client secrets, refresh tokens, the connection store or the plugin manager: an
 * {@link dev.patchbay.api.Activity} talks to its provider only through the {@link dev.patchbay.api.ConnectorHttp}
 * its {@link dev.patchbay.api.ActivityContext} hands it, already bound to one connection.
 */
package dev.patchbay.api;
