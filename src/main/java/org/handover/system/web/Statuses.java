package org.handover.system.web;

import org.handover.system.HandoverException;
import org.springframework.http.HttpStatus;

/** The one mapping from a refusal's kind to its HTTP status, for pages and both APIs. */
public final class Statuses {

  private Statuses() {}

  public static HttpStatus of(HandoverException.Kind kind) {
    return switch (kind) {
      case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
