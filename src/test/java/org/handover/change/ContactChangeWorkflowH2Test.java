package org.handover.change;

/** The workflow scenarios on the embedded default database (H2 in PostgreSQL mode). */
class ContactChangeWorkflowH2Test extends ContactChangeWorkflowTests {}
