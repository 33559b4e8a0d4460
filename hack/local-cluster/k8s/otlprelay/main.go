// Command otlprelay plays the part of a node-local OpenTelemetry collector for the local cluster:
// it accepts every trace export of the API server and the kubelet at once, so their exporters
// never back off, and forwards each export to the operator's receiver while one is listening.
// Exports that arrive while no operator runs are dropped and counted; nothing is stored.
package main

import (
	"context"
	"flag"
	"log"
	"sync/atomic"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/credentials/insecure"
	"net"
)

type relay struct {
	coltracepb.UnimplementedTraceServiceServer
	queue     chan *coltracepb.ExportTraceServiceRequest
	conn      *grpc.ClientConn
	forwarded atomic.Int64
	dropped   atomic.Int64
}

// Export answers at once; forwarding happens on the relay's own goroutine.
func (r *relay) Export(_ context.Context, req *coltracepb.ExportTraceServiceRequest) (*coltracepb.ExportTraceServiceResponse, error) {
	if state := r.conn.GetState(); state != connectivity.Ready {
		// an operator that just started is connected within its backoff of at most a second
		r.conn.Connect()
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		for state != connectivity.Ready && r.conn.WaitForStateChange(ctx, state) {
			state = r.conn.GetState()
		}
		cancel()
		if state != connectivity.Ready {
			r.dropped.Add(1)
			return &coltracepb.ExportTraceServiceResponse{}, nil
		}
	}
	select {
	case r.queue <- req:
	default:
		r.dropped.Add(1)
	}
	return &coltracepb.ExportTraceServiceResponse{}, nil
}

func (r *relay) forward() {
	client := coltracepb.NewTraceServiceClient(r.conn)
	for req := range r.queue {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if _, err := client.Export(ctx, req); err != nil {
			r.dropped.Add(1)
		} else {
			r.forwarded.Add(1)
		}
		cancel()
	}
}

func main() {
	listen := flag.String("listen", "127.0.0.1:4317", "OTLP/gRPC address the components export to")
	forward := flag.String("forward", "127.0.0.1:14317", "the operator's OTLP/gRPC receiver")
	flag.Parse()
	conn, err := grpc.NewClient(*forward,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		// reconnect within a second of the operator starting (gRPC's default waits up to 2 minutes)
		grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{
			BaseDelay: 100 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: time.Second}}))
	if err != nil {
		log.Fatalf("forward address %s: %v", *forward, err)
	}
	conn.Connect()
	r := &relay{queue: make(chan *coltracepb.ExportTraceServiceRequest, 256), conn: conn}
	go r.forward()
	go func() {
		for range time.Tick(time.Minute) {
			log.Printf("forwarded %d exports, dropped %d (no operator listening or queue full)", r.forwarded.Load(), r.dropped.Load())
		}
	}()
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("listen %s: %v", *listen, err)
	}
	server := grpc.NewServer(grpc.MaxRecvMsgSize(4 << 20))
	coltracepb.RegisterTraceServiceServer(server, r)
	log.Printf("relaying OTLP traces from %s to %s", *listen, *forward)
	log.Fatal(server.Serve(lis))
}
