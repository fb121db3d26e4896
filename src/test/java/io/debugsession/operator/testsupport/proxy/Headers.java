package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.MultiMap;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the proxy: all end-to-end ones (Authorization, Impersonate-*, User-Agent, Content-Type,
 * Accept, ...), none of the hop-by-hop ones of RFC 9110, which belong to each connection.
 */
final class Headers {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
  private static final String WEBSOCKET_PREFIX = "sec-websocket-";

  private Headers() {
  }

  /** For the upstream request; Host and Content-Length are set by the client for the new connection and body. */
  static MultiMap toUpstream(MultiMap headers) {
    return copy(headers, false);
  }

  /** For the exec probe: a plain request, without anything that asks for a WebSocket upgrade. */
  static MultiMap toUpstreamWithoutUpgrade(MultiMap headers) {
    return copy(headers, true);
  }

  static MultiMap toClient(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(header -> {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        copy.add(header.getKey(), header.getValue());
      }
    });
    return copy;
  }

  private static MultiMap copy(MultiMap headers, boolean dropWebSocket) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(header -> {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      boolean connectionSpecific = HOP_BY_HOP.contains(name) || "host".equals(name) || "content-length".equals(name);
      if (!connectionSpecific && !(dropWebSocket && name.startsWith(WEBSOCKET_PREFIX))) {
        copy.add(header.getKey(), header.getValue());
      }
    });
    return copy;
  }
}
