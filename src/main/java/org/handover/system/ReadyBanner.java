package org.handover.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says, once Handover is ready, where to open it, and in demo mode how to sign in and where the
 * emails are: the first thing a newcomer looks for in the log of {@code ./mvnw spring-boot:run}.
 */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  private final HandoverProperties properties;
  private final Environment environment;

  ReadyBanner(HandoverProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      return; // no web server: the import command
    }
    String base = properties.publicBaseUrl().replaceAll("/+$", "");
    log.info("Handover is ready: open {}/login (stop it with Ctrl+C)", base);
    if (properties.demo().enabled()) {
      log.info("Demo mode: the emails Handover writes are readable at {}/dev/mailbox", base);
    }
  }
}
