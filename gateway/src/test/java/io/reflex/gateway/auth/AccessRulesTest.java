package io.reflex.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.EventError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

  @Test
  @DisplayName("an open gateway may bind loopback only; with authentication it may bind anywhere")
  void exposure() {
    assertThat(Exposure.refusal("127.0.0.1", false)).isNull();
    assertThat(Exposure.refusal("localhost", false)).isNull();
    assertThat(Exposure.refusal("::1", false)).isNull();
    assertThat(Exposure.refusal("0.0.0.0", false))
        .contains("refusing to start")
        .contains("gateway.auth");
    assertThat(Exposure.refusal("gateway.internal", false)).isNotNull();
    assertThat(Exposure.refusal("0.0.0.0", true)).isNull();
  }

  @Test
  @DisplayName(
      "the credential is read from the Authorization header, an API key header, the query or a subprotocol")
  void credentials() {
    assertThat(
            Credentials.from(
                    MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer abc"), null)
                .bearerToken())
        .isEqualTo("abc");
    assertThat(
            Credentials.from(MultiMap.caseInsensitiveMultiMap().add("x-api-key", "k1"), null)
                .apiKey())
        .isEqualTo("k1");
    assertThat(
            Credentials.from(MultiMap.caseInsensitiveMultiMap(), "a=1&access_token=t%2Bq")
                .bearerToken())
        .isEqualTo("t+q");
    assertThat(
            Credentials.from(
                    MultiMap.caseInsensitiveMultiMap()
                        .add("Sec-WebSocket-Protocol", "reflex.v1, bearer.xyz"),
                    null)
                .bearerToken())
        .isEqualTo("xyz");
    assertThat(Credentials.from(MultiMap.caseInsensitiveMultiMap(), null).isEmpty()).isTrue();
  }

  @Test
  @DisplayName(
      "foreign origins are refused unless allowed; the gateway's own origin and non-browsers are admitted")
  void origins() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example"));
    HostAndPort gateway = HostAndPort.create("gw.example", 8443);
    assertThat(policy.admits("https://app.example", gateway)).isTrue();
    assertThat(policy.admits("https://gw.example:8443", gateway)).isTrue();
    assertThat(policy.admits(null, gateway)).isTrue();
    assertThat(policy.admits("https://evil.example", gateway)).isFalse();
    assertThat(new OriginPolicy(List.of()).admits("https://evil.example", gateway)).isTrue();
  }

  @Test
  @DisplayName(
      "a tenant publishes under /<tenant>/ only, its events are stamped, its patterns narrowed to it")
  void tenancy() {
    Principal acme = new Principal("app", "acme", Set.of(Principal.PUBLISH), 0);
    JsonObject own = new JsonObject().put("source", "/acme/sensors").put("reflextenant", "globex");
    assertThat(Tenancy.admit(acme, own)).isNull();
    assertThat(own.getString("reflextenant")).isEqualTo("acme");
    EventError foreign = Tenancy.admit(acme, new JsonObject().put("source", "/acmeish/x"));
    assertThat(foreign.code()).isEqualTo(EventError.FORBIDDEN);
    JsonObject pattern =
        new JsonObject()
            .put("type", new JsonArray().add("t"))
            .put("reflextenant", new JsonArray().add("globex"));
    assertThat(Tenancy.narrow(acme, pattern).getJsonArray("reflextenant")).containsExactly("acme");
    assertThat(Tenancy.narrow(Principal.OPEN, pattern)).isSameAs(pattern);
    assertThat(Tenancy.admit(Principal.OPEN, new JsonObject())).isNull();
  }
}
