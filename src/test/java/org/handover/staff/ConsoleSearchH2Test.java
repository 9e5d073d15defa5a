package org.handover.staff;

/** The console search on the embedded default database (H2 in PostgreSQL mode). */
class ConsoleSearchH2Test extends ConsoleSearchTests {}
