package batch

import "sync"

// RunAll processes paths with a pool of workers and returns their results
// in the order of paths. each is called (from one goroutine at a time) as
// every file finishes, for progress display.
func (p *Processor) RunAll(paths []string, workers int, each func(Result)) []Result {
	p.Claim(paths)
	results := make([]Result, len(paths))
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range max(1, min(workers, len(paths))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := p.Process(paths[i])
				results[i] = r
				if each != nil {
					mu.Lock()
					each(r)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}
