package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathNodeTest {

  // A fresh String instance each time, as a parser without a shared symbol table would hand out.
  private static String copy(String name) {
    return new String(name.toCharArray());
  }

  @Test
  void findsANameWhicheverStringInstanceCarriesIt() {
    SourceColumns columns = SourceColumns.ofTable(table("uid INT", "site STRING"));
    JsonPathNode root = JsonPathNode.byName(columns);
    String uid = copy("uid");

    JsonPathNode first = root.name(uid);
    assertThat(first.columns()).containsExactly(0);
    assertThat(root.name(uid)).isSameAs(first);
    assertThat(root.name(copy("uid"))).isSameAs(first);
    // Case variants of one column, alternating, each time as another instance.
    for (String variant : List.of("UID", "uid", "Uid", "UID")) {
      assertThat(root.name(copy(variant))).as(variant).isSameAs(first);
    }
    assertThat(root.name(copy("site")).columns()).containsExactly(1);
    assertThat(root.name(uid)).isSameAs(first);
    assertThat(root.name(copy("other"))).isNull();
    assertThat(root.name(copy("ui"))).isNull();
  }

  @Test
  void matchesJsonPathNamesExactlyAfterHavingSeenThem() {
    SourceColumns columns = SourceColumns.ofTable(table("uid INT", "name STRING"));
    JsonPathNode root =
        JsonPathNode.of(List.of(JsonPath.parse("$.uid"), JsonPath.parse("$.user.name")), columns);
    String user = copy("user");

    assertThat(root.name(copy("uid")).columns()).containsExactly(0);
    assertThat(root.name(user).name(copy("name")).columns()).containsExactly(1);
    assertThat(root.name(user).columns()).isEmpty();
    assertThat(root.name(copy("UID"))).isNull();
    assertThat(root.name(copy("User"))).isNull();
  }

  @Test
  void findsEveryNameOfANodeWithManyNames() {
    List<String> definitions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      definitions.add("c" + i + " INT");
    }
    SourceColumns columns = SourceColumns.ofTable(table(definitions.toArray(String[]::new)));
    JsonPathNode root = JsonPathNode.byName(columns);

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 20; i++) {
        assertThat(root.name(copy("c" + i)).columns()).containsExactly(i);
        assertThat(root.name(copy("C" + i)).columns()).containsExactly(i);
      }
    }
    assertThat(root.name(copy("c20"))).isNull();
  }
}
