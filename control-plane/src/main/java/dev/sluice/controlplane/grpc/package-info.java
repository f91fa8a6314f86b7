/** The gRPC doors of the control plane: the admin API and the worker lease API. */
package dev.sluice.controlplane.grpc;
