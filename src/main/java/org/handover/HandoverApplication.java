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
    SpringApplication.run(HandoverApplication.class, args);
  }
}
