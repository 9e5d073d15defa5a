package org.handover.apiauth;

import org.handover.system.HandoverException;

/** The validation link is unknown, used or refused. */
public final class NoSuchCredential extends HandoverException {
  NoSuchCredential() {
    super(Kind.NOT_FOUND, "api.credential.notFound");
  }
}
