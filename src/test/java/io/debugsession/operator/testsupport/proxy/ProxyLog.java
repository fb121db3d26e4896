package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request received, in arrival order. An entry is written on arrival and its status filled in when the
 * client is answered, so that a watch still streaming, or a delayed answer, keeps its place in the order.
 */
final class ProxyLog {

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  Entry record(HttpServerRequest request) {
    Entry entry = new Entry(request.method().name(), request.path(), request.query(),
        request.getHeader(HttpHeaders.USER_AGENT));
    entries.add(entry);
    return entry;
  }

  List<ProxiedRequest> snapshot() {
    return entries.stream().map(Entry::snapshot).toList();
  }

  void clear() {
    entries.clear();
  }

  static final class Entry {
    private final String method;
    private final String path;
    private final String query;
    private final String userAgent;
    private volatile int status;

    private Entry(String method, String path, String query, String userAgent) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.userAgent = userAgent;
    }

    void answered(int code) {
      status = code;
    }

    ProxiedRequest snapshot() {
      return new ProxiedRequest(method, path, query, userAgent, status);
    }
  }
}
