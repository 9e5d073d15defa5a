package org.handover.security;

/** Account protection's stores on the embedded default database (H2 in PostgreSQL mode). */
class SecurityStoresH2Test extends SecurityStoresTests {}
