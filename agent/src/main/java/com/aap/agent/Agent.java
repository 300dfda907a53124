package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.portal.ProvisioningFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: {@code concurrency} workers, each with its own Chromium (launched here or by a Playwright
 * server), claiming jobs from the API.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final List<Worker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private AgentMetrics metrics;
  private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, r -> {
    Thread thread = new Thread(r, "agent-heartbeats");
    thread.setDaemon(true);
    return thread;
  });

  private Agent() {
  }

  public static Agent start(AgentConfig config) {
    Agent agent = new Agent();
    var flow = new ProvisioningFlow(config.portalProfile(), config.patience().page());
    for (int i = 0; i < config.concurrency(); i++) {
      // each worker claims under a name of its own and keeps its own sessions; the CJ logins it gets are
      // held by the agent, so all its workers can share one login's jobs (each signing in once, in turn)
      var api = new ApiClient(config.apiUrls(), config.agentKey(), config.agentId() + "-w" + i, config.agentId());
      Worker worker = new Worker(config.browser(), api, flow, config.patience(), agent.heartbeats);
      Thread thread = new Thread(worker, config.agentId() + "-worker-" + i);
      agent.workers.add(worker);
      agent.threads.add(thread);
      thread.start();
    }
    if (config.metricsPort() != null) {
      try {
        agent.metrics = AgentMetrics.serve(config.metricsPort(), agent.workers);
      } catch (RuntimeException e) {
        agent.close();
        throw e;
      }
    }
    log.info("agent {} serving {} with {} workers; CJ portal {} (profile \"{}\"); browser {}", config.agentId(),
        config.apiUrls(), config.concurrency(), config.portalUrl(), config.portalProfile().name(),
        config.browser().describe());
    return agent;
  }

  @Override
  public void close() {
    workers.forEach(Worker::stop);
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    heartbeats.shutdownNow();
    if (metrics != null) {
      metrics.close();
    }
  }
}
