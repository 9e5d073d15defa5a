package org.handover.system;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules every enabled {@link DueWork}, each at its own fixed delay, and logs what it did. */
@Configuration(proxyBeanMethods = false)
class DueWorkScheduler implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(DueWorkScheduler.class);

  private final List<DueWork> works;

  DueWorkScheduler(List<DueWork> works) {
    this.works = works;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    for (DueWork work : works) {
      if (work.enabled()) {
        registrar.addFixedDelayTask(
            new FixedDelayTask(() -> run(work), work.interval(), work.interval()));
      }
    }
  }

  private static void run(DueWork work) {
    int handled = work.runDueWork();
    if (handled > 0) {
      log.info("{}: {}", work.done(), handled);
    }
  }
}
