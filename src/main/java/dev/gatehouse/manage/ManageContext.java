package dev.gatehouse.manage;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Store;

import java.time.Clock;

/** What every management service needs, handed over by the composition root. */
public record ManageContext(Store store, DirectoryHolder directory, GatehouseConfig config, Clock clock) {
}
