package org.handover.change;

/** The model-based random workflows on the embedded default database (H2 in PostgreSQL mode). */
class ContactChangeModelH2Test extends ContactChangeModelTests {

  @Override
  int runs() {
    return 12;
  }
}
