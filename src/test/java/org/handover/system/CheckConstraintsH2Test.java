package org.handover.system;

/** The CHECK constraints on H2 (the embedded default). */
class CheckConstraintsH2Test extends CheckConstraintsTests {}
