package org.handover.staff.web;

import org.handover.system.HandoverException;

/**
 * Nothing at a console address, said as staff read it: the customers' own words ("not among your
 * requests", "none of your services") are not true for a support agent, who may see them all.
 */
final class ConsoleNotFound extends HandoverException {

  private ConsoleNotFound(String key, Object argument) {
    super(Kind.NOT_FOUND, key, argument);
  }

  static ConsoleNotFound request(long id) {
    return new ConsoleNotFound("console.notFound.request", id);
  }

  static ConsoleNotFound service(String name) {
    return new ConsoleNotFound("console.notFound.service", name);
  }
}
