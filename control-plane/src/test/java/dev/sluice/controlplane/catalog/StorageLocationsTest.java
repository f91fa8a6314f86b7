package dev.sluice.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageLocationsTest {
  private static final ClusterId CLUSTER =
      new ClusterId(UUID.fromString("0b0e5c1e-4a3f-4e8e-9a51-6f2d3c4b5a69"));

  @Test
  void aTablePrefixIsTheVolumePrefixThenTheClusterIdThenTheTable() {
    assertThat(StorageLocations.tablePrefix(s3("s3://bucket/wh/"), CLUSTER, 7))
        .isEqualTo("wh/0b0e5c1e-4a3f-4e8e-9a51-6f2d3c4b5a69/tables/7");
    assertThat(StorageLocations.tablePrefix(s3("s3://bucket"), CLUSTER, 7))
        .isEqualTo("0b0e5c1e-4a3f-4e8e-9a51-6f2d3c4b5a69/tables/7");
    assertThat(StorageLocations.tablePrefix(local("file:///data/tables"), CLUSTER, 7))
        .isEqualTo("0b0e5c1e-4a3f-4e8e-9a51-6f2d3c4b5a69/tables/7");
  }

  @Test
  void theLeaseCarriesTheSamePrefix() {
    StorageVolume volume = s3("s3://bucket/wh");
    assertThat(StorageLocations.forTable(volume, CLUSTER, 7).getPrefix())
        .isEqualTo(StorageLocations.tablePrefix(volume, CLUSTER, 7));
    assertThat(StorageLocations.forTable(volume, CLUSTER, 7).getBucket()).isEqualTo("bucket");
  }

  private static StorageVolume s3(String location) {
    return new StorageVolume("v", "S3", List.of(location), "", Map.of(), false, true);
  }

  private static StorageVolume local(String location) {
    return new StorageVolume("v", "LOCAL", List.of(location), "", Map.of(), false, true);
  }
}
