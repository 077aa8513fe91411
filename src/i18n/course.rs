//! The words of the course pages (lesson page, its live pieces, catalogue, glossary,
//! presenter mode), zh-CN and English. The lesson texts themselves are not here: they are
//! compiled from `lessons/` and fetched (`crate::course`).

/// One language's course strings. `{n}`, `{total}`, `{value}` mark values filled in.
#[derive(Debug)]
pub struct CourseTexts {
    /// Catalogue heading.
    pub catalogue_title: &'static str,
    /// Catalogue lead.
    pub catalogue_lead: &'static str,
    /// While a file loads.
    pub loading: &'static str,
    /// A file could not be loaded.
    pub load_failed: &'static str,
    /// "Lesson {n}".
    pub lesson_n: &'static str,
    /// "≈ {n} min".
    pub minutes: &'static str,
    /// "{n} of {total} done".
    pub progress: &'static str,
    /// Badge of a finished lesson.
    pub finished: &'static str,
    /// Search box label.
    pub search_label: &'static str,
    /// Search box placeholder.
    pub search_placeholder: &'static str,
    /// No search results.
    pub search_none: &'static str,
    /// Link to the glossary.
    pub glossary_link: &'static str,
    /// Glossary heading.
    pub glossary_title: &'static str,
    /// Glossary lead.
    pub glossary_lead: &'static str,
    /// Glossary filter label.
    pub glossary_filter: &'static str,
    /// Column heads: English, Chinese, meaning.
    pub glossary_cols: [&'static str; 3],
    /// Back to the catalogue.
    pub back: &'static str,
    /// "Before this: ".
    pub prerequisites: &'static str,
    /// Previous lesson.
    pub prev: &'static str,
    /// Next lesson.
    pub next: &'static str,
    /// Print button.
    pub print: &'static str,
    /// Enter presenter mode.
    pub present: &'static str,
    /// Leave presenter mode.
    pub present_exit: &'static str,
    /// Presenter: "Part {n} of {total}".
    pub present_part: &'static str,
    /// Presenter: open the speaker-notes window.
    pub present_notes: &'static str,
    /// Presenter: keys help.
    pub present_keys: &'static str,
    /// Presenter: caption of the QR code.
    pub present_qr: &'static str,
    /// Heading of the speaker-notes window.
    pub notes_title: &'static str,
    /// Label of a lab block.
    pub lab_label: &'static str,
    /// Run the lab's script.
    pub lab_run: &'static str,
    /// Start the lab again.
    pub lab_reset: &'static str,
    /// Open the same run in the full lab.
    pub lab_open: &'static str,
    /// Heading of the script.
    pub lab_script: &'static str,
    /// Heading of the output.
    pub lab_output: &'static str,
    /// Label of the lab's zkCli console.
    pub lab_console: &'static str,
    /// Label of a step block.
    pub step_label: &'static str,
    /// Play the step's lines.
    pub step_do: &'static str,
    /// Check the step's condition now.
    pub step_check: &'static str,
    /// Waiting for the condition.
    pub step_waiting: &'static str,
    /// The condition holds.
    pub step_done: &'static str,
    /// The condition did not hold in time.
    pub step_timeout: &'static str,
    /// Label of a quiz block.
    pub quiz_label: &'static str,
    /// Ask the learner to predict.
    pub quiz_predict: &'static str,
    /// Check the prediction by running.
    pub quiz_check: &'static str,
    /// Right.
    pub quiz_right: &'static str,
    /// Wrong.
    pub quiz_wrong: &'static str,
    /// "The simulation gave: {value}".
    pub quiz_value: &'static str,
    /// Label of an exercise block.
    pub exercise_label: &'static str,
    /// Console input label.
    pub exercise_input: &'static str,
    /// Check the attempt.
    pub exercise_check: &'static str,
    /// Show the hint.
    pub exercise_hint: &'static str,
    /// Show the reference answer.
    pub exercise_solution: &'static str,
    /// Every expect passed.
    pub exercise_passed: &'static str,
    /// Some expect failed.
    pub exercise_failed: &'static str,
    /// Something the simulation refused.
    pub error: &'static str,
    /// A piece that needs a feature not built yet.
    pub pending: &'static str,
    /// Marked done.
    pub done_mark: &'static str,
    /// Title of a piece's deep link (the address that opens the lesson at it).
    pub piece_link: &'static str,
}

impl CourseTexts {
    /// Every string (for the glossary test).
    pub fn all_strings(&self) -> Vec<&'static str> {
        let mut v = vec![
            self.catalogue_title,
            self.catalogue_lead,
            self.loading,
            self.load_failed,
            self.lesson_n,
            self.minutes,
            self.progress,
            self.finished,
            self.search_label,
            self.search_placeholder,
            self.search_none,
            self.glossary_link,
            self.glossary_title,
            self.glossary_lead,
            self.glossary_filter,
            self.back,
            self.prerequisites,
            self.prev,
            self.next,
            self.print,
            self.present,
            self.present_exit,
            self.present_part,
            self.present_notes,
            self.present_keys,
            self.present_qr,
            self.notes_title,
            self.lab_label,
            self.lab_run,
            self.lab_reset,
            self.lab_open,
            self.lab_script,
            self.lab_output,
            self.lab_console,
            self.step_label,
            self.step_do,
            self.step_check,
            self.step_waiting,
            self.step_done,
            self.step_timeout,
            self.quiz_label,
            self.quiz_predict,
            self.quiz_check,
            self.quiz_right,
            self.quiz_wrong,
            self.quiz_value,
            self.exercise_label,
            self.exercise_input,
            self.exercise_check,
            self.exercise_hint,
            self.exercise_solution,
            self.exercise_passed,
            self.exercise_failed,
            self.error,
            self.pending,
            self.done_mark,
            self.piece_link,
        ];
        v.extend(self.glossary_cols);
        v
    }
}

/// Chinese.
pub static ZH: CourseTexts = CourseTexts {
    catalogue_title: "课程",
    catalogue_lead: "从“为什么需要协调”一路讲到 ZAB 崩溃恢复和 Paxos。每一课都是短文加上可以亲手操作的模拟；学习进度保存在这台电脑的浏览器里。",
    loading: "正在加载…",
    load_failed: "加载失败：",
    lesson_n: "第 {n} 课",
    minutes: "约 {n} 分钟",
    progress: "已完成 {n} / {total}",
    finished: "已学完",
    search_label: "搜索课程",
    search_placeholder: "例如：临时节点、epoch、sync",
    search_none: "没有找到相关内容。",
    glossary_link: "术语表",
    glossary_title: "术语表",
    glossary_lead: "课程和实验室里每个概念只用一个词。中英文对照如下。",
    glossary_filter: "筛选",
    glossary_cols: ["英文", "中文", "含义"],
    back: "← 全部课程",
    prerequisites: "先学：",
    prev: "← 上一课",
    next: "下一课 →",
    print: "打印本课",
    present: "讲课模式",
    present_exit: "退出讲课模式",
    present_part: "第 {n} / {total} 部分",
    present_notes: "打开讲稿窗口",
    present_keys: "← → 或空格键翻页",
    present_qr: "扫码在手机上打开同一个运行",
    notes_title: "讲稿",
    lab_label: "实验",
    lab_run: "运行",
    lab_reset: "从头再来",
    lab_open: "在完整实验室里打开 →",
    lab_script: "场景脚本",
    lab_output: "输出",
    lab_console: "zkCli 命令：客户端名> 命令",
    step_label: "步骤",
    step_do: "替我操作",
    step_check: "检查",
    step_waiting: "等待中：",
    step_done: "条件已满足，可以继续了。",
    step_timeout: "等了 120 秒（模拟时间）条件仍未满足。",
    quiz_label: "先猜再验证",
    quiz_predict: "先选出你的预测，再让模拟来回答。",
    quiz_check: "运行并核对",
    quiz_right: "猜对了！",
    quiz_wrong: "不对。",
    quiz_value: "模拟给出的结果：{value}",
    exercise_label: "练习",
    exercise_input: "zkCli 命令，每行一条",
    exercise_check: "运行并检查",
    exercise_hint: "提示",
    exercise_solution: "参考答案",
    exercise_passed: "全部检查通过。",
    exercise_failed: "还有检查没通过，再试试。",
    error: "出错了：",
    pending: "这一块要用到尚在开发中的功能，暂时不能运行。",
    done_mark: "已完成",
    piece_link: "直达这一步的链接",
};

/// English.
pub static EN: CourseTexts = CourseTexts {
    catalogue_title: "The course",
    catalogue_lead: "From why systems need coordination to ZAB crash recovery and Paxos. Each lesson is short prose with simulations you drive yourself; your progress is kept in this browser.",
    loading: "Loading…",
    load_failed: "Could not load: ",
    lesson_n: "Lesson {n}",
    minutes: "≈ {n} min",
    progress: "{n} of {total} done",
    finished: "Finished",
    search_label: "Search the lessons",
    search_placeholder: "e.g. ephemeral, epoch, sync",
    search_none: "Nothing found.",
    glossary_link: "Glossary",
    glossary_title: "Glossary",
    glossary_lead: "One word per idea, in the lessons and in the lab, in English and Chinese.",
    glossary_filter: "Filter",
    glossary_cols: ["English", "Chinese", "Meaning"],
    back: "← All lessons",
    prerequisites: "Before this: ",
    prev: "← Previous",
    next: "Next →",
    print: "Print this lesson",
    present: "Presenter mode",
    present_exit: "Leave presenter mode",
    present_part: "Part {n} of {total}",
    present_notes: "Open speaker notes",
    present_keys: "← → or space to move",
    present_qr: "Scan to open this run on a phone",
    notes_title: "Speaker notes",
    lab_label: "Lab",
    lab_run: "Run",
    lab_reset: "Start over",
    lab_open: "Open in the full lab →",
    lab_script: "Scenario",
    lab_output: "Output",
    lab_console: "zkCli line: CLIENT> COMMAND",
    step_label: "Step",
    step_do: "Do it for me",
    step_check: "Check",
    step_waiting: "Waiting for: ",
    step_done: "The condition holds: carry on.",
    step_timeout: "After 120 s of simulated time the condition still does not hold.",
    quiz_label: "Predict, then check",
    quiz_predict: "Pick your prediction, then let the simulation answer.",
    quiz_check: "Run and check",
    quiz_right: "Right!",
    quiz_wrong: "Not quite.",
    quiz_value: "The simulation gave: {value}",
    exercise_label: "Exercise",
    exercise_input: "zkCli commands, one per line",
    exercise_check: "Run and check",
    exercise_hint: "Hint",
    exercise_solution: "Reference answer",
    exercise_passed: "Every check passed.",
    exercise_failed: "Some checks do not pass yet: try again.",
    error: "Error: ",
    pending: "This block needs a feature still being built, so it does not run yet.",
    done_mark: "Done",
    piece_link: "Link straight to this step",
};
