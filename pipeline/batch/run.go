package batch

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
)

// RunAll processes paths with a pool of workers and returns their results
// in the order of paths. each is called (from one goroutine at a time) as
// every file finishes, for progress display. When ctx ends (Ctrl-C) no new
// file is started; the files in hand finish, since a file is never left
// half-written, and the rest are reported as skipped until the next run.
//
// Documents go first, then the shares units returned (.xlsx), one at a
// time, so that their progress lands in the workbooks just written.
func (p *Processor) RunAll(ctx context.Context, paths []string, workers int, each func(Result)) []Result {
	var docs, shares []int
	for i, path := range paths {
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			shares = append(shares, i)
		} else {
			docs = append(docs, i)
		}
	}
	results := make([]Result, len(paths))
	for i, r := range p.runAll(ctx, pick(paths, docs), workers, each) {
		results[docs[i]] = r
	}
	for i, r := range p.runAll(ctx, pick(paths, shares), 1, each) {
		results[shares[i]] = r
	}
	return results
}

func pick(paths []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = paths[k]
	}
	return out
}

func (p *Processor) runAll(ctx context.Context, paths []string, workers int, each func(Result)) []Result {
	p.Claim(paths)
	results := make([]Result, len(paths))
	started := make([]bool, len(paths))
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range max(1, min(workers, len(paths))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue // handed over as the stop came: leave it
				}
				started[i] = true
				r := p.timed(paths[i])
				results[i] = r
				if each != nil {
					mu.Lock()
					each(r)
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range paths {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for i, ok := range started {
		if !ok {
			results[i] = Result{Source: filepath.Base(paths[i]), Path: paths[i], Status: Skipped,
				Reason: "处理被中断，下次运行时处理"}
		}
	}
	return results
}

// timed is Process within the file's wall-clock budget. A file past it is
// failed at once and the worker goes on; the abandoned reading ends on its
// own (every reader is bounded) and writes nothing, since its abort
// context has ended. Ctrl-C is no abort: a file in hand is finished.
func (p *Processor) timed(path string) Result {
	if p.cfg.FileTimeout <= 0 {
		return p.Process(path)
	}
	abort, cancel := context.WithTimeout(context.Background(), p.cfg.FileTimeout)
	defer cancel()
	done := make(chan Result, 1)
	go func() { done <- p.process(abort, path) }()
	select {
	case r := <-done:
		return r
	case <-abort.Done():
		select {
		case r := <-done: // finished at the deadline
			return r
		default:
		}
		return Result{Source: filepath.Base(path), Path: path, Status: Failed, Reason: p.timeoutReason()}
	}
}
