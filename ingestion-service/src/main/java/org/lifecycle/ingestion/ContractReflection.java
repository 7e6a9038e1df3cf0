package org.lifecycle.ingestion;

import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Contract records this service serialises with Jackson outside REST, registered so a native image keeps them. */
@RegisterForReflection(targets = {DeletionRequest.class, DeletionType.class})
public final class ContractReflection {

    private ContractReflection() {
    }
}
