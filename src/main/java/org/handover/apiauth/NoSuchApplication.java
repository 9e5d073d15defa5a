package org.handover.apiauth;

import org.handover.system.HandoverException;

/** No application of yours has this id. */
public final class NoSuchApplication extends HandoverException {
  NoSuchApplication() {
    super(Kind.NOT_FOUND, "api.application.notFound");
  }
}
