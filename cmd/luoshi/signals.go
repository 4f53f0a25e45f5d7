package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// exitInterrupted is the exit code of a program stopped by Ctrl-C, as
// shells report it (128 + SIGINT).
const exitInterrupted = 130

// interrupts returns a context that ends at the first Ctrl-C or SIGTERM,
// after saying what happens now (said); a second signal ends the process
// at once with exit code 130. Outputs are replaced atomically, so a file is
// never left half-written; temporary files of the killed write are swept
// at the next run. stop undoes the signal handling.
func interrupts(parent context.Context, said string) (ctx context.Context, stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
		case <-done:
			return
		}
		fmt.Fprintln(os.Stderr, said)
		cancel()
		select {
		case <-ch:
			fmt.Fprintln(os.Stderr, "再次收到中断信号，立即退出。已写好的文件完整保留，没写完的下次运行时重新处理。")
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}
