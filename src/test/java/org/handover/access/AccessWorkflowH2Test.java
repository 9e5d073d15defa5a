package org.handover.access;

/** Delegated access on the embedded default database (H2). */
class AccessWorkflowH2Test extends AccessWorkflowTests {}
