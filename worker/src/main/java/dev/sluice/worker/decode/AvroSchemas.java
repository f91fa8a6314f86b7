package dev.sluice.worker.decode;

import org.apache.avro.Schema;

/** Writer schemas by their Confluent schema id. Implementations are thread-safe. */
public interface AvroSchemas {

  /**
   * The Avro schema registered under {@code id}.
   *
   * @throws UnknownSchemaException if there is no such schema or it is not Avro: the records
   *     written with it are error rows
   * @throws SchemaRegistryException if the registry could not answer: the task fails and is
   *     retried, since the records may be fine
   */
  Schema find(int id);
}
