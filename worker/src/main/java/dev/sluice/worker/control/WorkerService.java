package dev.sluice.worker.control;

import dev.sluice.api.lease.AcquireLeaseResponse;
import dev.sluice.api.lease.LeaseServiceGrpc.LeaseServiceBlockingStub;
import dev.sluice.worker.metrics.WorkerMetrics;
import dev.sluice.worker.task.ObjectStores;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker process: {@code sluice.worker.tasks} slots, each asking the control plane for a lease,
 * running it, and asking again. It keeps no state of its own, so it can be killed at any moment.
 */
@ApplicationScoped
public class WorkerService {
  private static final Logger LOG = Logger.getLogger(WorkerService.class.getName());

  @GrpcClient("control-plane")
  LeaseServiceBlockingStub stub;

  @Inject WorkerMetrics metrics;

  @ConfigProperty(name = "sluice.worker.id")
  java.util.Optional<String> configuredId;

  @ConfigProperty(name = "sluice.worker.tasks", defaultValue = "1")
  int slots;

  @ConfigProperty(name = "sluice.worker.memory-limit-bytes", defaultValue = "1073741824")
  long memoryLimit;

  private volatile boolean running;
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledExecutorService heartbeats;
  private BufferAllocator allocator;
  private ObjectStores stores;

  void onStart(@Observes StartupEvent event) {
    String workerId =
        configuredId.orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
    running = true;
    allocator = new RootAllocator(memoryLimit);
    metrics.watchArrowMemory(allocator);
    stores = new ObjectStores();
    // One heartbeat thread per slot: a slow heartbeat of one lease never delays another's.
    heartbeats = Executors.newScheduledThreadPool(slots, r -> daemon(r, "sluice-heartbeat"));
    LeaseClient client = new LeaseClient(stub, workerId, metrics::commitResent);
    LeaseRunner runner =
        new LeaseRunner(client, stores, allocator, heartbeats, () -> running, metrics);
    for (int slot = 0; slot < slots; slot++) {
      Thread thread = new Thread(() -> loop(client, runner), "sluice-task-" + slot);
      threads.add(thread);
      thread.start();
    }
    LOG.info("worker " + workerId + " started with " + slots + " task slot(s)");
  }

  private void loop(LeaseClient client, LeaseRunner runner) {
    while (running) {
      try {
        AcquireLeaseResponse answer = client.acquire();
        if (answer.hasLease()) {
          runner.run(answer.getLease());
        } else {
          LeaseClient.sleep(LeaseRunner.idle(answer.getRetryAfterMs()));
        }
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
          // A configuration mistake, not an outage: say so, and do not hammer the control plane.
          LOG.warning(
              "control plane refused this worker ("
                  + e.getStatus().getDescription()
                  + "); set sluice.worker.token (SLUICE_WORKER_TOKEN) to its worker token");
          LeaseClient.sleep(Duration.ofSeconds(5));
          continue;
        }
        LOG.fine("control plane not reachable: " + e.getStatus());
        LeaseClient.sleep(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "task slot error", e);
        LeaseClient.sleep(Duration.ofSeconds(1));
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    heartbeats.shutdownNow();
    stores.close();
    allocator.close();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "worker";
    }
  }
}
