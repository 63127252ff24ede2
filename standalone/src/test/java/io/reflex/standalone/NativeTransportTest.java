package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.testing.FreePort;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vertx.nativeTransport}: on Linux (where the build and its tests run) the mesh's sockets go
 * through epoll; asked not to, they go through Java NIO. Fails if the native library stops being
 * packaged or loading.
 */
class NativeTransportTest {

  @ParameterizedTest(name = "nativeTransport: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName(
      "the mesh uses Netty's epoll transport exactly when vertx.nativeTransport asks for it")
  void transportFollowsTheSetting(boolean nativeTransport) {
    Mesh mesh =
        TestMeshes.standalone(
            FreePort.find(),
            new JsonObject()
                .put("vertx", new JsonObject().put("nativeTransport", nativeTransport)));
    try {
      assertThat(mesh.vertx().isNativeTransportEnabled())
          .as(
              "native transport (cause if unavailable: %s)",
              mesh.vertx().unavailableNativeTransportCause())
          .isEqualTo(nativeTransport);
    } finally {
      mesh.close().await();
    }
  }
}
