package dev.sluice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.DelayedHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console handler, nested like Quarkus nests it (in a delayed handler under the root logger),
 * writes each record as one JSON object on one line once the formatter is installed.
 */
class JsonConsoleLogsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private LogContext context;
  private Logger root;

  @BeforeEach
  void setUp() {
    context = LogContext.create();
    root = context.getLogger("");
    ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%p %c %s%n"));
    console.setOutputStream(out);
    DelayedHandler delayed = new DelayedHandler(context);
    delayed.addHandler(console);
    root.addHandler(delayed);
  }

  @AfterEach
  void tearDown() throws Exception {
    MDC.clear();
    context.close();
  }

  @Test
  void eachRecordIsOneJsonLineWithMessageLevelLoggerAndTheLeaseContext() {
    assertThat(JsonConsoleLogs.install(root)).isEqualTo(1);
    MDC.put("job", "clicks");
    MDC.put("task", "task-7");
    MDC.put("attempt", "attempt-3");
    Logger logger = context.getLogger("dev.sluice.worker.control.LeaseRunner");

    logger.info("committed: loadedRows=10");
    logger.log(Level.WARNING, "task task-7 failed; giving it back", new IllegalStateException("x"));

    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode committed = parse(lines.get(0));
    assertThat(committed.path("message").asText()).isEqualTo("committed: loadedRows=10");
    assertThat(committed.path("level").asText()).isEqualTo("INFO");
    assertThat(committed.path("loggerName").asText())
        .isEqualTo("dev.sluice.worker.control.LeaseRunner");
    JsonNode mdc = committed.path("mdc");
    assertThat(mdc.path("job").asText()).isEqualTo("clicks");
    assertThat(mdc.path("task").asText()).isEqualTo("task-7");
    assertThat(mdc.path("attempt").asText()).isEqualTo("attempt-3");
    assertThat(committed.path("timestamp").asText()).isNotEmpty();

    // A stack trace stays inside its record's line.
    JsonNode failed = parse(lines.get(1));
    assertThat(failed.path("level").asText()).isEqualTo("WARNING");
    assertThat(failed.path("exception").path("exceptionType").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.path("mdc").path("task").asText()).isEqualTo("task-7");
  }

  @Test
  void withoutInstallingTheConsoleStaysText() {
    context.getLogger("dev.sluice.x").info("hello");

    assertThat(lines()).containsExactly("INFO dev.sluice.x hello");
  }

  @Test
  void aRootWithoutConsoleHandlersIsLeftAlone() {
    Logger bare = LogContext.create().getLogger("");

    assertThat(JsonConsoleLogs.install(bare)).isZero();
  }

  private List<String> lines() {
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    return text.lines().toList();
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode record = new ObjectMapper().readTree(line);
      assertThat(record.isObject()).as(line).isTrue();
      return record;
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
