package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/spf13/cobra"

	"github.com/luoshi/luoshi/dict"
	"github.com/luoshi/luoshi/pipeline/batch"
)

var watchCmd = &cobra.Command{
	Use:   "watch",
	Short: "持续监视收件箱，文件一放进来就生成任务分解表",
	Long: "和 run 一样处理收件箱里的文件，然后持续监视：新文件复制完成（大小和修改时间\n" +
		"保持 settle 设定的时长不变）后自动处理。除了文件变化通知，还按 rescan_interval\n" +
		"定期重新扫描，以便用于网络共享盘。按 Ctrl-C 停止：正在处理的文件处理完后退出。",
	Example: "  luoshi watch --in 收件箱 --out 输出",
	Args:    cobra.NoArgs,
	RunE:    runWatch,
}

func init() {
	batchFlags(watchCmd)
	watchCmd.Flags().String("rescan-interval", defaults["rescan_interval"].(string), "定期重新扫描收件箱的间隔")
	watchCmd.Flags().String("settle", defaults["settle"].(string), "文件大小保持不变多长时间才认为复制完成")
	root.AddCommand(watchCmd)
}

func runWatch(cmd *cobra.Command, args []string) error {
	log.SetFlags(log.Ldate | log.Ltime)
	rescan, err := duration("rescan_interval")
	if err != nil {
		return err
	}
	settle, err := duration("settle")
	if err != nil {
		return err
	}
	if rescan <= 0 {
		return fmt.Errorf("配置项 rescan_interval 必须大于 0")
	}
	in, out := cfg.GetString("inbox"), cfg.GetString("outbox")
	if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
		return fmt.Errorf("收件箱 %s 不存在或不是文件夹", in)
	}
	ctx, stop := interrupts(cmd.Context(), "收到中断信号：正在停止，当前文件处理完后退出（再按一次 Ctrl-C 立即退出）。")
	defer stop()
	p, err := newProcessor(ctx, false)
	if err != nil {
		return err
	}
	defer p.Close()

	// The report lists the latest outcome of every file seen since start.
	var mu sync.Mutex
	latest := map[string]batch.Result{}
	handle := func(path string) {
		r := p.Process(path)
		line := fmt.Sprintf("%s %s", r.Status, r.Source)
		if r.Status == batch.Done && !r.Share && len(r.Outputs) > 0 {
			line += fmt.Sprintf("：%d 项任务 → %s", r.Tasks, filepath.Join(out, r.Outputs[0]))
		} else if r.Reason != "" {
			line += "：" + r.Reason
		}
		if c := carryLine(r.Carry); c != "" {
			line += "；" + c
		}
		log.Print(line)
		mu.Lock()
		defer mu.Unlock()
		latest[r.Source] = r
		all := make([]batch.Result, 0, len(latest))
		for _, r := range latest {
			all = append(all, r)
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Source < all[j].Source })
		if _, err := batch.WriteReport(out, all); err != nil {
			log.Printf("批处理报告无法写入：%v", err)
		}
		// The ledger follows every file: it is what the office reads.
		for _, pr := range p.Ledger().Problems {
			log.Print("注意：" + pr)
		}
	}
	log.Printf("开始监视收件箱 %s（输出到 %s），按 Ctrl-C 停止", in, out)
	w := &batch.Watcher{Dir: in, Rescan: rescan, Settle: settle, Workers: workers(), Handle: handle,
		Log: func(msg string) { log.Print(msg) }}
	if dir := cfg.GetString("dict"); dir != "" {
		// A reviewer's edit of the rules takes effect without a restart;
		// a broken edit is reported and the rules in use stay.
		w.RulesDir = dir
		w.Reload = func() bool {
			rules, err := dict.Load(dir)
			if err != nil {
				log.Printf("规则词典 %s 改动后有错误，继续使用改动前的规则：%v", dir, err)
				return false
			}
			p.SetRules(rules)
			log.Printf("规则词典 %s 已更新（版本 %s），按新规则重新处理收件箱里的文件", dir, rules.Version())
			return true
		}
	}
	if err := w.Run(ctx); err != nil {
		return err
	}
	log.Print("已停止监视")
	// Ctrl-C is how a watch is stopped: exit code 0, as for a service.
	return nil
}
