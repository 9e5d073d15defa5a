package org.handover.catalog;

/** What is unique among services: the category and the name. */
public record ServiceKey(ServiceType type, String name) {}
