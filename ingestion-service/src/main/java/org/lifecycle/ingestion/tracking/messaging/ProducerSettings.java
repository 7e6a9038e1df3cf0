package org.lifecycle.ingestion.tracking.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the event producer talks to Kafka. Durability settings are not configurable: acks=all and idempotence. */
@ConfigMapping(prefix = "lifecycle.ingestion.producer")
public interface ProducerSettings {

    /** Time the producer waits to fill a batch; a few milliseconds buys much larger batches under load. */
    @WithDefault("5")
    int lingerMs();

    @WithDefault("262144")
    int batchSize();

    @WithDefault("lz4")
    String compressionType();

    /** Upper bound on the time send() may block when its buffer is full or metadata is missing. */
    @WithDefault("3000")
    int maxBlockMs();

    @WithDefault("5000")
    int requestTimeoutMs();

    /** Must cover linger + request timeout; after it the producer gives up on a record and the request gets 503. */
    @WithDefault("15000")
    int deliveryTimeoutMs();

    @WithDefault("67108864")
    long bufferMemory();
}
