package dev.sluice.storage.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends AbstractObjectStoreContractTest {

  @TempDir static Path root;

  @Override
  protected ObjectStore createStore() {
    return new LocalObjectStore(root);
  }

  private LocalObjectStore local() {
    return (LocalObjectStore) store;
  }

  @Test
  void objectsAreFilesUnderTheRoot() throws Exception {
    store.put(key("x/y.txt"), "content".getBytes(UTF_8));
    Path file = root.resolve(prefix).resolve("x/y.txt");
    assertThat(local().path(key("x/y.txt"))).isEqualTo(file.toAbsolutePath());
    assertThat(Files.readString(file)).isEqualTo("content");
  }

  @Test
  void stagedUploadsAreNeitherListedNorAddressable() throws Exception {
    try (ObjectUpload upload = store.create(key("pending"))) {
      upload.write(new byte[100]);
      assertThat(store.list("")).extracting(ObjectInfo::key).noneMatch(k -> k.startsWith("."));
      upload.commit();
    }
    assertThatThrownBy(() -> store.get(LocalObjectStore.TEMP_DIR + "/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key is in the reserved directory .sluice-tmp: " + LocalObjectStore.TEMP_DIR + "/x");
    try (var staged = Files.list(root.resolve(LocalObjectStore.TEMP_DIR))) {
      assertThat(staged).as("staged files are removed").isEmpty();
    }
  }

  @Test
  void deletingTheLastObjectOfADirectoryRemovesTheDirectory() {
    store.put(key("deep/er/file"), new byte[1]);
    store.delete(key("deep/er/file"));
    assertThat(root.resolve(prefix).resolve("deep")).doesNotExist();
    assertThat(root.resolve(LocalObjectStore.TEMP_DIR)).isDirectory();
  }

  @Test
  void aKeyCannotBeBothAnObjectAndADirectory() {
    store.put(key("p/q"), new byte[1]);
    assertThatThrownBy(() -> store.put(key("p"), new byte[1]))
        .isInstanceOf(StorageException.class)
        .hasMessage("cannot write " + key("p") + ": it is the directory of other keys");
    assertThatThrownBy(() -> store.putIfAbsent(key("p"), new byte[1]))
        .isInstanceOf(StorageException.class)
        .hasMessage("cannot write " + key("p") + ": it is the directory of other keys");
    assertThatThrownBy(() -> store.put(key("p/q/r"), new byte[1]))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "cannot write " + key("p/q/r") + ": one of its parent directories is an object");
    assertThatThrownBy(() -> store.get(key("p")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + key("p"));
    assertThat(store.stat(key("p"))).isEmpty();
  }
}
