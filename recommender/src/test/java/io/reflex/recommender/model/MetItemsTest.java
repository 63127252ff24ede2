package io.reflex.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MetItemsTest {
  private static long ref(int slot, int generation) {
    return ((long) generation << 32) | slot;
  }

  @Test
  void remembersEveryItemAddedAndNoOther() {
    MetItems met = new MetItems();
    for (int slot = 0; slot < 500; slot += 2) {
      met.add(ref(slot, 0));
    }

    for (int slot = 0; slot < 500; slot++) {
      assertThat(met.contains(ref(slot, 0))).isEqualTo(slot % 2 == 0);
    }
    assertThat(met.size()).isEqualTo(250);
  }

  @Test
  void anItemInAReusedSlotIsAnotherItem() {
    MetItems met = new MetItems();
    met.add(ref(7, 0));

    assertThat(met.contains(ref(7, 1))).isFalse();
  }

  @Test
  void stopsGrowingAtItsBound() {
    MetItems met = new MetItems();
    for (int slot = 0; slot < 2 * MetItems.MAX_ITEMS; slot++) {
      met.add(ref(slot, 0));
    }

    assertThat(met.size()).isEqualTo(MetItems.MAX_ITEMS);
    assertThat(met.contains(ref(0, 0))).isTrue();
    assertThat(met.contains(ref(MetItems.MAX_ITEMS, 0))).isFalse();
  }

  @Test
  void aCopyRemembersTheSameItems() throws IOException {
    MetItems met = new MetItems();
    for (int slot = 0; slot < 100; slot++) {
      met.add(ref(slot * 3, 1));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    met.writeTo(new DataOutputStream(bytes));

    MetItems copy =
        MetItems.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(copy.size()).isEqualTo(100);
    for (int slot = 0; slot < 300; slot++) {
      assertThat(copy.contains(ref(slot, 1))).isEqualTo(slot % 3 == 0);
    }
  }
}
