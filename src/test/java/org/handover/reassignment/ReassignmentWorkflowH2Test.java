package org.handover.reassignment;

/** The reassignment workflow on the embedded default database (H2 in PostgreSQL mode). */
class ReassignmentWorkflowH2Test extends ReassignmentWorkflowTests {}
