package org.handover;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Handover: service contacts and contact change requests. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HandoverApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("import")) {
      // The bulk import command runs and exits without a listening web server. It keeps the web
      // context, which the security configuration needs; a system property outranks
      // application.yml.
      System.setProperty("server.port", "-1");
    }
    SpringApplication.run(HandoverApplication.class, args);
  }
}
